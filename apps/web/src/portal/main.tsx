import { createRoot } from 'react-dom/client';
import { Portal } from './Portal';
import './portal.css';

createRoot(document.getElementById('root')!).render(<Portal />);
