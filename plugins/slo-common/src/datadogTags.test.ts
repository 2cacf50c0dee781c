import { DATADOG_TAG_MAX_LENGTH, datadogTagValue } from './datadogTags';

/**
 * Each case follows a sentence of Datadog's documentation on tags (Getting Started with Tags →
 * Define tags; Developers → naming metrics and tags).
 */
describe('datadogTagValue', () => {
  it('"Tags are converted to lowercase" (CamelCase tags are not recommended)', () => {
    expect(datadogTagValue('TestTag')).toBe('testtag');
  });

  it('keeps alphanumerics, underscores, minuses, colons, periods and slashes', () => {
    expect(datadogTagValue('staging:east')).toBe('staging:east');
    expect(datadogTagValue('a-b_c.d/e:f9')).toBe('a-b_c.d/e:f9');
  });

  it('"Other special characters are converted to underscores"', () => {
    expect(datadogTagValue('POST /v1/checkout')).toBe('post_/v1/checkout');
    expect(datadogTagValue('a+b=c')).toBe('a_b_c');
  });

  it('"Contiguous underscores are reduced to a single underscore"', () => {
    expect(datadogTagValue('a  &&  b')).toBe('a_b');
    expect(datadogTagValue('a___b')).toBe('a_b');
  });

  it('"A trailing underscore is removed", converted or original', () => {
    expect(datadogTagValue('GET /v1/carts/{cartId}')).toBe('get_/v1/carts/_cartid');
    expect(datadogTagValue('trailing_')).toBe('trailing');
  });

  it('"Tags must start with a letter"', () => {
    expect(datadogTagValue('/health')).toBe('health');
    expect(datadogTagValue('#1 tag')).toBe('tag');
    expect(datadogTagValue('123')).toBe('');
  });

  it('"Tags can be up to 200 characters long and support Unicode letters" (Japanese too)', () => {
    expect(datadogTagValue('注文 API')).toBe('注文_api');
    const long = `a${'b'.repeat(300)}`;
    expect(datadogTagValue(long)).toHaveLength(DATADOG_TAG_MAX_LENGTH);
  });

  it('is idempotent: a stored value normalises to itself', () => {
    for (const v of [
      'GET /v1/carts/{cartId}',
      'POST /example.paymentservice.v1.PaymentService/Authorize',
      'DELETE /v1/carts/{cartId}/items/{itemId}',
    ]) {
      expect(datadogTagValue(datadogTagValue(v))).toBe(datadogTagValue(v));
    }
    expect(
      datadogTagValue('POST /example.paymentservice.v1.PaymentService/Authorize'),
    ).toBe('post_/example.paymentservice.v1.paymentservice/authorize');
  });
});
