import { writeFileSync } from 'node:fs';
import { LIFECYCLE_ASL_PATH } from './lifecycle-functions.ts';
import { lifecycleAslText } from './lifecycle-asl.ts';

// `npm run gen:asl`: writes the lifecycle ASL from the step table in core/lifecycle.ts.
writeFileSync(LIFECYCLE_ASL_PATH, lifecycleAslText());
console.log(`wrote ${LIFECYCLE_ASL_PATH.pathname}`);
