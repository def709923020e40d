/** Entry point: styles, storage watchers, the key state, the service worker, then the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/main.scss';
import { initialiseKeyring, watchDatabaseConnection } from './db';
import { App } from './app/app';
import { registerServiceWorker } from './app/service-worker-registration';

watchDatabaseConnection();
registerServiceWorker();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

// Whether the device has keys must be known before anything renders: it starts locked if so.
initialiseKeyring()
  .catch((error: unknown) => console.error('Could not read key slots', error))
  .finally(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
