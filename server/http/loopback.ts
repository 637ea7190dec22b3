/** Whether an address is this machine's own: 127.0.0.0/8, ::1, or IPv4 loopback written as IPv6. */
export function isLoopback(address: string): boolean {
  const host = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return host === '::1' || host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host);
}
