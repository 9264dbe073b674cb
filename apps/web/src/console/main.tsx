import { createRoot } from 'react-dom/client';
import { App } from './App';
import { Wallboard } from './wallboard/Wallboard';

// /wallboard?token=… is the service centre's TV board: no sign-in, its display token alone (issue 16 item 4)
const wallboard = window.location.pathname === '/wallboard';
document.body.style.margin = '0';
document.body.style.background = wallboard ? '#0b1220' : '#f4f6f8';
createRoot(document.getElementById('root')!).render(wallboard ? <Wallboard /> : <App />);
