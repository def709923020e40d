// Runs once before the browser suite: production builds of the app to serve.
import { buildApp } from '../../support/builds';

export default function setup(): void {
  buildApp();
}
