/**
 * Microphones, speakers and cameras through the SDK's DeviceManager: the lists (kept current
 * when devices are plugged in or out), the user's choice (remembered in settings
 * microphoneId / speakerId / cameraId and applied again when that device comes back), and the
 * media permission the SDK needs before a call can be placed or answered.
 */
import type { AudioDeviceInfo, DeviceManager, VideoDeviceInfo } from '@azure/communication-calling';
import type { Settings, SettingsPatch } from '../../contract/settings.js';

export type PermissionState = 'unknown' | 'granted' | 'denied';

export interface DeviceOption {
  id: string;
  name: string;
  isSystemDefault: boolean;
}

export interface DeviceControllerDeps {
  settings: () => Settings;
  saveSettings: (patch: SettingsPatch) => Promise<void>;
  /** Called when the camera in use was unplugged or another one was chosen. */
  onCameraChanged: (camera: VideoDeviceInfo | undefined) => void;
}

const toOption = (d: AudioDeviceInfo | VideoDeviceInfo): DeviceOption => ({
  id: d.id,
  name: d.name,
  isSystemDefault: 'isSystemDefault' in d ? d.isSystemDefault : false,
});

export class DeviceController {
  microphones = $state<DeviceOption[]>([]);
  speakers = $state<DeviceOption[]>([]);
  cameras = $state<DeviceOption[]>([]);
  selectedMicrophoneId = $state('');
  selectedSpeakerId = $state('');
  selectedCameraId = $state('');
  speakerSelectionAvailable = $state(false);
  audioPermission = $state<PermissionState>('unknown');
  videoPermission = $state<PermissionState>('unknown');

  private manager: DeviceManager | null = null;
  private rawMicrophones: AudioDeviceInfo[] = [];
  private rawSpeakers: AudioDeviceInfo[] = [];
  private rawCameras: VideoDeviceInfo[] = [];
  private readonly onAudioChanged = () => void this.refreshAudio();
  private readonly onVideoChanged = () => void this.refreshCameras();
  private readonly onSelectionChanged = () => this.readSelection();

  constructor(private readonly deps: DeviceControllerDeps) {}

  async attach(manager: DeviceManager): Promise<void> {
    this.manager = manager;
    manager.on('audioDevicesUpdated', this.onAudioChanged);
    manager.on('videoDevicesUpdated', this.onVideoChanged);
    manager.on('selectedMicrophoneChanged', this.onSelectionChanged);
    manager.on('selectedSpeakerChanged', this.onSelectionChanged);
    await Promise.all([this.refreshAudio(), this.refreshCameras()]);
  }

  detach(): void {
    const manager = this.manager;
    if (!manager) return;
    manager.off('audioDevicesUpdated', this.onAudioChanged);
    manager.off('videoDevicesUpdated', this.onVideoChanged);
    manager.off('selectedMicrophoneChanged', this.onSelectionChanged);
    manager.off('selectedSpeakerChanged', this.onSelectionChanged);
    this.manager = null;
  }

  /**
   * Asks for the microphone (and camera when `video`) once; the SDK cannot place or accept a
   * call without it. Returns whether audio was granted; video refusal only turns video off.
   */
  async ensurePermission(video: boolean): Promise<{ audio: boolean; video: boolean }> {
    const manager = this.manager;
    if (!manager) return { audio: false, video: false };
    const needAudio = this.audioPermission !== 'granted';
    const needVideo = video && this.videoPermission !== 'granted';
    if (needAudio || needVideo) {
      try {
        const access = await manager.askDevicePermission({ audio: needAudio || this.audioPermission === 'granted', video: needVideo });
        if (needAudio) this.audioPermission = access.audio ? 'granted' : 'denied';
        if (needVideo) this.videoPermission = access.video ? 'granted' : 'denied';
      } catch {
        if (needAudio) this.audioPermission = 'denied';
        if (needVideo) this.videoPermission = 'denied';
      }
      // Device names are only visible once permission is granted.
      await Promise.all([this.refreshAudio(), this.refreshCameras()]);
    }
    return { audio: this.audioPermission === 'granted', video: video && this.videoPermission === 'granted' };
  }

  async selectMicrophone(id: string): Promise<void> {
    const device = this.rawMicrophones.find((d) => d.id === id);
    if (!device || !this.manager) return;
    await this.manager.selectMicrophone(device);
    this.readSelection();
    await this.deps.saveSettings({ microphoneId: id });
  }

  async selectSpeaker(id: string): Promise<void> {
    const device = this.rawSpeakers.find((d) => d.id === id);
    if (!device || !this.manager || !this.speakerSelectionAvailable) return;
    await this.manager.selectSpeaker(device);
    this.readSelection();
    await this.deps.saveSettings({ speakerId: id });
  }

  async selectCamera(id: string): Promise<void> {
    const device = this.rawCameras.find((d) => d.id === id);
    if (!device) return;
    this.selectedCameraId = id;
    this.deps.onCameraChanged(device);
    await this.deps.saveSettings({ cameraId: id });
  }

  /** The camera to use: the remembered one if present, else the first. */
  currentCamera(): VideoDeviceInfo | undefined {
    return this.rawCameras.find((d) => d.id === this.selectedCameraId) ?? this.rawCameras[0];
  }

  private async refreshAudio(): Promise<void> {
    const manager = this.manager;
    if (!manager) return;
    const [microphones, speakers] = await Promise.all([manager.getMicrophones(), manager.getSpeakers()]);
    this.rawMicrophones = microphones;
    this.rawSpeakers = speakers;
    this.microphones = microphones.map(toOption);
    this.speakers = speakers.map(toOption);
    this.speakerSelectionAvailable = manager.isSpeakerSelectionAvailable;
    // A remembered device that is (back) here is used again; otherwise the SDK's default stays.
    const { microphoneId, speakerId } = this.deps.settings();
    const savedMic = microphones.find((d) => d.id === microphoneId);
    if (savedMic && manager.selectedMicrophone?.id !== savedMic.id) await manager.selectMicrophone(savedMic).catch(() => {});
    const savedSpeaker = speakers.find((d) => d.id === speakerId);
    if (savedSpeaker && manager.isSpeakerSelectionAvailable && manager.selectedSpeaker?.id !== savedSpeaker.id) {
      await manager.selectSpeaker(savedSpeaker).catch(() => {});
    }
    this.readSelection();
  }

  private async refreshCameras(): Promise<void> {
    const manager = this.manager;
    if (!manager) return;
    const before = this.currentCamera();
    this.rawCameras = await manager.getCameras();
    this.cameras = this.rawCameras.map(toOption);
    const saved = this.rawCameras.find((d) => d.id === this.deps.settings().cameraId);
    this.selectedCameraId = (saved ?? this.rawCameras.find((d) => d.id === this.selectedCameraId) ?? this.rawCameras[0])?.id ?? '';
    const after = this.currentCamera();
    if (before && before.id !== after?.id) this.deps.onCameraChanged(after);
  }

  private readSelection(): void {
    const manager = this.manager;
    if (!manager) return;
    this.selectedMicrophoneId = manager.selectedMicrophone?.id ?? this.rawMicrophones.find((d) => d.isSystemDefault)?.id ?? '';
    this.selectedSpeakerId = manager.selectedSpeaker?.id ?? this.rawSpeakers.find((d) => d.isSystemDefault)?.id ?? '';
  }
}
