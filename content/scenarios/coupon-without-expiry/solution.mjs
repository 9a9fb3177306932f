// POST /cart/coupon: apply a coupon code to the cart total.
import { COUPONS } from './lib/coupons.mjs';

const reply = (statusCode, value) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

// null means "never expires": say so in one place instead of assuming a Date everywhere.
const isExpired = (coupon, now) => coupon.validUntil !== null && coupon.validUntil.getTime() < now;

export const handler = async (event) => {
  let input;
  try {
    input = JSON.parse(event.body ?? '');
  } catch {
    return reply(400, { message: 'The body must be JSON: { "code": "…", "totalCents": 1000 }.' });
  }
  const { code, totalCents } = input ?? {};
  if (typeof code !== 'string' || !Number.isInteger(totalCents) || totalCents < 0) {
    return reply(400, { message: '`code` must be a string and `totalCents` a whole number.' });
  }
  const coupon = COUPONS[code];
  if (!coupon) return reply(404, { message: `Unknown coupon ${code}` });
  if (isExpired(coupon, Date.now())) return reply(410, { message: `Coupon ${code} has expired` });
  const discountCents = Math.round((totalCents * coupon.percent) / 100);
  return reply(200, { code, discountCents, totalCents: totalCents - discountCents });
};
