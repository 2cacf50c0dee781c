/* eslint-disable no-console */
import { main } from './gate';

main(process.argv.slice(2), {
  fetch,
  env: process.env,
  out: line => console.log(line),
  err: line => console.error(line),
}).then(
  code => process.exit(code),
  e => {
    console.error(`portal-gate: ${e?.stack ?? e}`);
    process.exit(2);
  },
);
