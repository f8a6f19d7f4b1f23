import { formatCamundaDate, parseCamundaDate } from './camunda-date';

describe('formatCamundaDate', () => {
  afterEach(() => jest.restoreAllMocks());

  it('formats in UTC with +0000 when the process zone is UTC', () => {
    expect(formatCamundaDate(Date.UTC(2013, 0, 23, 13, 42, 42, 0))).toBe('2013-01-23T13:42:42.000+0000');
    expect(formatCamundaDate(Date.UTC(2024, 11, 31, 23, 59, 59, 5))).toBe('2024-12-31T23:59:59.005+0000');
  });

  it.each([120, 330, -210, -600])('uses the local offset of %p minutes east of UTC', (offsetEast) => {
    jest.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(-offsetEast);
    const ms = Date.UTC(2013, 0, 23, 22, 42, 42, 123);
    const local = new Date(ms + offsetEast * 60_000);
    const abs = Math.abs(offsetEast);
    const expected =
      `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}-` +
      `${String(local.getUTCDate()).padStart(2, '0')}T${String(local.getUTCHours()).padStart(2, '0')}:` +
      `${String(local.getUTCMinutes()).padStart(2, '0')}:42.123` +
      `${offsetEast < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
    expect(formatCamundaDate(ms)).toBe(expected);
    expect(parseCamundaDate(expected)).toBe(ms);
  });

  it('uses the zone named by TZ, offset and wall time consistent with the JS local time', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'America/St_Johns';
    try {
      const ms = Date.UTC(2021, 6, 1, 12, 0, 0, 0);
      const d = new Date(ms);
      const offsetEast = -d.getTimezoneOffset();
      const abs = Math.abs(offsetEast);
      const pad = (n: number) => String(n).padStart(2, '0');
      const expected =
        `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00.000` +
        `${offsetEast < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
      expect(formatCamundaDate(ms)).toBe(expected);
      expect(parseCamundaDate(formatCamundaDate(ms))).toBe(ms);
    } finally {
      process.env.TZ = previous;
    }
  });

  it('pads four-digit years', () => {
    expect(formatCamundaDate(new Date('0099-03-04T05:06:07.008Z').getTime())).toBe('0099-03-04T05:06:07.008+0000');
  });
});

describe('parseCamundaDate', () => {
  it('parses the canonical form with positive and negative offsets', () => {
    expect(parseCamundaDate('2013-01-23T13:42:42.000+0200')).toBe(Date.UTC(2013, 0, 23, 11, 42, 42));
    expect(parseCamundaDate('2013-01-23T13:42:42.999-0530')).toBe(Date.UTC(2013, 0, 23, 19, 12, 42, 999));
    expect(parseCamundaDate('2024-01-02T03:04:05.678+0000')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
  });

  it('keeps years below 100 literal', () => {
    expect(parseCamundaDate('0099-03-04T05:06:07.008+0000')).toBe(new Date('0099-03-04T05:06:07.008Z').getTime());
  });

  it('rolls out-of-range fields over like the lenient SimpleDateFormat', () => {
    expect(parseCamundaDate('2013-02-30T00:00:00.000+0000')).toBe(Date.UTC(2013, 2, 2));
    expect(parseCamundaDate('2013-13-01T24:00:00.000+0000')).toBe(Date.UTC(2014, 0, 2));
  });

  it.each([
    '2013-01-23T13:42:42+0200',
    '2013-01-23T13:42:42.00+0200',
    '2024-01-02T03:04:05.678Z',
    '2024-01-02T03:04:05.678+02:00',
    '2024-01-02 03:04:05.678+0200',
    '2024-01-02T03:04:05.678+2400',
    '2024-01-02T03:04:05.678+0060',
    '1700000000000',
    '',
    ' 2024-01-02T03:04:05.678+0000',
  ])('rejects %p', (text) => {
    expect(parseCamundaDate(text)).toBeNull();
  });
});
