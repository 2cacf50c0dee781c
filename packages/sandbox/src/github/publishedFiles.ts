import fs from 'node:fs';
import path from 'node:path';

/**
 * The path of a file shipped in an npm package, found the way Node finds packages (the
 * `node_modules` folders from here up). Needed for GitHub's published schema and OpenAPI
 * description: `@octokit/graphql-schema` is an ES module whose `exports` give CommonJS no entry,
 * and both documents are plain files in their packages.
 */
export function packageFile(pkg: string, file: string): string {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const candidate = path.join(dir, pkg, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${pkg}/${file} not found: is ${pkg} installed?`);
}
