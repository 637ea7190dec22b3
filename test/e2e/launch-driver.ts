// Starts the browser a test file runs in (E2E_BROWSER, set per vitest project) behind the driver.
import { currentBrowser, type Driver, type LaunchDriverOptions } from './driver';
import { launchChromiumDriver } from './driver-chromium';
import { launchFirefoxDriver } from './firefox/driver';

export async function launchDriver(options: LaunchDriverOptions = {}): Promise<Driver> {
  return currentBrowser() === 'firefox' ? launchFirefoxDriver(options) : launchChromiumDriver(options);
}
