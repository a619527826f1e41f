import { MAX_PEERINGS_PER_NETWORK, peeringLimitViolation } from "../../../core/azure/peering";

describe("peering limit", () => {
  it.each([
    [0, undefined],
    [500, undefined],
    [501, { max: 500 }],
  ])("%d peerings -> %j", (count, expected) => {
    expect(peeringLimitViolation(count)).toEqual(expected);
    expect(MAX_PEERINGS_PER_NETWORK).toBe(500);
  });
});
