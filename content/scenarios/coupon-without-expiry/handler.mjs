// POST /cart/coupon: apply a coupon code to the cart total.
import { COUPONS } from './lib/coupons.mjs';

export const handler = async (event) => {
  const { code, totalCents } = JSON.parse(event.body);
  const coupon = COUPONS[code];
  if (!coupon) {
    return { statusCode: 404, body: JSON.stringify({ message: `Unknown coupon ${code}` }) };
  }
  if (coupon.validUntil.getTime() < Date.now()) {
    return { statusCode: 410, body: JSON.stringify({ message: `Coupon ${code} has expired` }) };
  }
  const discountCents = Math.round((totalCents * coupon.percent) / 100);
  return { statusCode: 200, body: JSON.stringify({ code, discountCents, totalCents: totalCents - discountCents }) };
};
