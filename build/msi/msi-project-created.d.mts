// Types for the electron-builder hook, so tests written in TypeScript can import it.
export declare const policyRegistryKey: string;
export declare const installerStateKey: string;
export declare const appRegistryKey: string;
export declare const msiInstallMarkerName: string;
export declare const msiInstallMarkerText: string;
export declare const msiPolicyProperties: readonly { property: string; key: string; guid: string }[];
export declare const urlSchemes: readonly string[];
export declare const urlProgId: string;
export declare const mainExecutableName: string;
export declare function addMachineConfiguration(projectXml: string): string;
export declare function msiProjectCreated(projectFile: string): Promise<void>;
export default msiProjectCreated;
export declare const runKey: string;
export declare const hiddenFlag: string;
export declare const policyFolderSddl: string;
