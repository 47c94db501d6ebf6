// Keep in step with package.json's "version"; a unit test compares the two.
export const APP_VERSION = '0.1.0'
