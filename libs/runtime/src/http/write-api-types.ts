import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { API_TYPES_FILE, apiAppDocument, apiTypesOf } from './api-types';

// `npm run api:types`: writes the dashboard's API types from the API app's OpenAPI document.
const root = path.resolve(__dirname, '../../../..');
apiAppDocument().then(
  (document) => {
    writeFileSync(path.join(root, API_TYPES_FILE), apiTypesOf(document));
    console.log(`wrote ${API_TYPES_FILE}`);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
