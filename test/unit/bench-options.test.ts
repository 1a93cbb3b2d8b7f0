import { DEFAULTS, parseOptions, UsageError } from '../../bench/bench-options';

describe('npm run bench options', () => {
  it('when no option is given, then the mixed load runs 32 clients for 60 s', () => {
    expect(parseOptions([])).toEqual(DEFAULTS);
    expect(DEFAULTS).toMatchObject({ mixedClients: 32, mixedDurationS: 60 });
  });

  it('when the mixed load is shortened for a quick run, then both forms of the flags are read', () => {
    expect(parseOptions(['--mixed-clients', '8', '--mixed-duration=10'])).toMatchObject({
      mixedClients: 8,
      mixedDurationS: 10,
    });
  });

  it('when a mixed load option is not a whole number in range, then it is refused with the range', () => {
    expect(() => parseOptions(['--mixed-clients', '0'])).toThrow(
      new UsageError('--mixed-clients needs a whole number from 1 to 256'),
    );
    expect(() => parseOptions(['--mixed-duration', '2.5'])).toThrow(
      new UsageError('--mixed-duration needs a whole number from 1 to 3600'),
    );
  });
});
