import { downloadText } from './download';

describe('downloadText', () => {
  it('hands the text to the browser as a named file of the given type', async () => {
    const blobs: Blob[] = [];
    const clicked: HTMLAnchorElement[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:file';
      }),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    try {
      downloadText('# Review\n', 'review.md', 'text/markdown;charset=utf-8');
    } finally {
      click.mockRestore();
    }
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('review.md');
    expect(clicked[0].href).toBe('blob:file');
    expect(blobs[0].type).toBe('text/markdown;charset=utf-8');
    expect(await blobs[0].text()).toBe('# Review\n');
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
