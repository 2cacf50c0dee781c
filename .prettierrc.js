// Backstage's Prettier settings, with the 120-column lines this repository is written in.
module.exports = {
  ...require('@backstage/cli/config/prettier.json'),
  printWidth: 120,
};
