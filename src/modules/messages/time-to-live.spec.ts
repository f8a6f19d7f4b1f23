import { parseTimeToLive } from './time-to-live';

describe('parseTimeToLive', () => {
  it.each([
    [60000, 60000],
    ['1500', 1500],
    ['PT30M', 1_800_000],
    ['PT1H30M', 5_400_000],
    ['P1D', 86_400_000],
    ['P2W', 1_209_600_000],
    ['PT0.5S', 500],
    ['P1DT2H', 93_600_000],
  ])('%p is %p ms', (input, ms) => {
    expect(parseTimeToLive(input)).toEqual({ ms });
  });

  it.each([['P1M'], ['P1Y'], ['PT'], ['P'], ['1h'], [0], [-5], ['PT0S'], [true], [{}], ['P400D']])('refuses %p', (input) => {
    expect(parseTimeToLive(input)).toEqual({ error: expect.any(String) });
  });
});
