/**
 * The one place the federation area imports other areas' operations (certs <- metadata <- federation).
 * Keeping them here keeps the seams visible and lets tests see exactly what is used.
 */
export { lintMetadata } from '../metadata/index.js';
export { parseMetadata, signingCertificates, fetchMetadata } from '../metadata/index.js';
export { readCertificate } from '../certs/index.js';
