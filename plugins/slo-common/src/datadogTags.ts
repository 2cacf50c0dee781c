/**
 * Datadog's tag normalisation, as its documentation states it ("Getting Started with Tags" →
 * Define tags, and "What best practices are recommended for naming metrics and tags?"):
 *
 * 1. tags are converted to lowercase;
 * 2. they may contain (Unicode) letters and digits, underscores, minuses, colons, periods and
 *    slashes — every other character is converted to an underscore;
 * 3. contiguous underscores are reduced to a single underscore;
 * 4. a tag must start with a letter (what comes before the first letter is dropped) — the
 *    whole tag: the key of a `key:value` tag starts it;
 * 5. a trailing underscore is removed, whether it came from a converted character or not;
 * 6. a tag (key, colon and value) is at most 200 characters long.
 *
 * Datadog stores the normalised form, so an APM resource `GET /v1/carts/{cartId}` is the
 * `resource_name` tag value `get_/v1/carts/_cartid`. The SLO engine matches counts on this form;
 * applying it twice changes nothing.
 */

/** The longest tag Datadog keeps. */
export const DATADOG_TAG_MAX_LENGTH = 200;

const INVALID = /[^\p{L}\p{N}_\-:./]/gu;
const LETTER = /\p{L}/u;

/** A whole tag (`key:value` or `value`) as Datadog stores it (see the rules above). */
export function datadogTag(tag: string): string {
  let out = tag.toLowerCase().replace(INVALID, '_').replace(/_+/g, '_');
  const first = out.search(LETTER);
  out = first < 0 ? '' : out.slice(first);
  // Truncate by code point (a letter outside the BMP is one character, not two).
  if (out.length > DATADOG_TAG_MAX_LENGTH) {
    const chars = Array.from(out);
    if (chars.length > DATADOG_TAG_MAX_LENGTH) out = chars.slice(0, DATADOG_TAG_MAX_LENGTH).join('');
  }
  return out.replace(/_+$/, '');
}

/**
 * The value of the tag `key:value` as Datadog stores it. The rules apply to the whole tag, so
 * "start with a letter" and "200 characters" count the key (`resource_name:/v1/health` keeps its
 * slash); `key` is `resource_name`, `service`, … (already in normal form).
 */
export function datadogTagValue(value: string, key: string): string {
  const tag = datadogTag(`${key}:${value}`);
  return tag.slice(Math.min(tag.length, key.length + 1));
}
