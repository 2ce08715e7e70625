/** Whether the OS reports a network; the status area joins it with sign-in and calling (connection-status.ts). */
export class NetworkState {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  private readonly update = () => (this.online = navigator.onLine);

  start(): () => void {
    window.addEventListener('online', this.update);
    window.addEventListener('offline', this.update);
    return () => {
      window.removeEventListener('online', this.update);
      window.removeEventListener('offline', this.update);
    };
  }
}
