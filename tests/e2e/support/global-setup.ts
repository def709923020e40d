// Runs once before the browser suite: production builds of the app to serve.
import { BUILD_A, BUILD_B, BUILD_NEXT_SCHEMA, buildApp } from '../../support/builds';

export default function setup(): void {
  buildApp([BUILD_A, BUILD_B, BUILD_NEXT_SCHEMA]);
}
