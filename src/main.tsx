/** Entry point: styles, storage watchers, the service worker, then the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/main.scss';
import { watchDatabaseConnection } from './db';
import { App } from './app/app';
import { registerServiceWorker } from './app/service-worker-registration';

watchDatabaseConnection();
registerServiceWorker();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
