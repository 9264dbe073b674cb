import { createRoot } from 'react-dom/client';
import { App } from './App';

document.body.style.margin = '0';
document.body.style.background = '#f4f6f8';
createRoot(document.getElementById('root')!).render(<App />);
