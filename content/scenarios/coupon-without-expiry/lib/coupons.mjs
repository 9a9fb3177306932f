// Coupon table (read-only in this scenario). `validUntil` is null for coupons that never expire.
export const COUPONS = {
  SPRING24: { percent: 15, validUntil: new Date('2024-06-01T00:00:00Z') },
  WINTER26: { percent: 10, validUntil: new Date('2026-03-01T00:00:00Z') },
  WELCOME10: { percent: 10, validUntil: null },
};
