import { defaultPrinterNetworks } from '../config/app-config';
import { allowedAddressOf, isAllowedAddress, PrinterProblem, printerNetworks } from './printer-connection';

describe('the networks printers may be on', () => {
  const networks = printerNetworks(defaultPrinterNetworks.split(','));

  it.each([
    ['127.0.0.1', true],
    ['10.12.0.31', true],
    ['172.31.255.254', true],
    ['172.32.0.1', false],
    ['192.168.1.20', true],
    ['8.8.8.8', false],
    ['169.254.169.254', false],
    ['::1', true],
    ['fd12::1', true],
    ['2001:4860:4860::8888', false],
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['not an address', false],
  ])('%s is allowed by default: %s', (address, allowed) => {
    expect(isAllowedAddress(address, networks)).toBe(allowed);
  });

  it('takes single addresses, and checks every address of a host name before using the first', async () => {
    const one = printerNetworks(['192.168.1.20']);
    expect(isAllowedAddress('192.168.1.20', one)).toBe(true);
    expect(isAllowedAddress('192.168.1.21', one)).toBe(false);
    await expect(allowedAddressOf('[::1]', networks)).resolves.toBe('::1');
    await expect(allowedAddressOf('localhost', printerNetworks(['10.0.0.0/8']))).rejects.toThrow(PrinterProblem);
    await expect(allowedAddressOf('8.8.8.8', networks)).rejects.toThrow(/outside the networks printers may be on/);
  });
});
