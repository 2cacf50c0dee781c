import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The full suite runs Jest beside a backend on two cores; a render that takes
// longer than the library's 1 s default under that load is slow, not wrong.
configure({ asyncUtilTimeout: 5000 });
