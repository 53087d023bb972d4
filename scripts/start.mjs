// `npm start`: the main job on built-in defaults. Filled in as the commands land.
import { spawnSync } from 'node:child_process';
const r = spawnSync(process.execPath, ['dist/cli/main.js', '--help'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
