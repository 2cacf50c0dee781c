import { DATADOG_TAG_MAX_LENGTH, datadogTag, datadogTagValue } from './datadogTags';

const resource = (value: string) => datadogTagValue(value, 'resource_name');

/**
 * Each case follows a sentence of Datadog's documentation on tags (Getting Started with Tags →
 * Define tags; Developers → naming metrics and tags).
 */
describe('datadogTag and datadogTagValue', () => {
  it('"Tags are converted to lowercase" (CamelCase tags are not recommended)', () => {
    expect(datadogTag('TestTag')).toBe('testtag');
    expect(datadogTag('env:Staging')).toBe('env:staging');
  });

  it('keeps alphanumerics, underscores, minuses, colons, periods and slashes', () => {
    expect(datadogTag('env:staging:east')).toBe('env:staging:east');
    expect(datadogTag('a-b_c.d/e:f9')).toBe('a-b_c.d/e:f9');
  });

  it('"Other special characters are converted to underscores"', () => {
    expect(resource('POST /v1/checkout')).toBe('post_/v1/checkout');
    expect(datadogTag('a+b=c')).toBe('a_b_c');
  });

  it('"Contiguous underscores are reduced to a single underscore"', () => {
    expect(datadogTag('a  &&  b')).toBe('a_b');
    expect(datadogTag('a___b')).toBe('a_b');
  });

  it('"A trailing underscore is removed", converted or original', () => {
    expect(resource('GET /v1/carts/{cartId}')).toBe('get_/v1/carts/_cartid');
    expect(datadogTag('trailing_')).toBe('trailing');
  });

  it('"Tags must start with a letter": the tag, so a value after its key keeps its first character', () => {
    expect(datadogTag('/health')).toBe('health');
    expect(datadogTag('#1 tag')).toBe('tag');
    expect(datadogTag('123')).toBe('');
    expect(resource('/v1/health')).toBe('/v1/health');
  });

  it('"Tags can be up to 200 characters long and support Unicode letters" (Japanese too)', () => {
    expect(datadogTag('注文 API')).toBe('注文_api');
    const long = `a${'b'.repeat(300)}`;
    expect(datadogTag(long)).toHaveLength(DATADOG_TAG_MAX_LENGTH);
    // The key counts: `resource_name:` leaves 186 characters of the value.
    expect(resource(long)).toHaveLength(DATADOG_TAG_MAX_LENGTH - 'resource_name:'.length);
  });

  it('is idempotent: a stored value normalises to itself', () => {
    for (const v of [
      'GET /v1/carts/{cartId}',
      'POST /example.paymentservice.v1.PaymentService/Authorize',
      'DELETE /v1/carts/{cartId}/items/{itemId}',
    ]) {
      expect(resource(resource(v))).toBe(resource(v));
    }
    expect(resource('POST /example.paymentservice.v1.PaymentService/Authorize')).toBe(
      'post_/example.paymentservice.v1.paymentservice/authorize',
    );
  });
});
