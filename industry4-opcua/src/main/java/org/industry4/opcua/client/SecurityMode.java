package org.industry4.opcua.client;

/**
 * How the connection to the server is secured. The collector picks the server endpoint offering
 * exactly this security policy and message security mode.
 */
public enum SecurityMode {
    /** No signing, no encryption (security policy None). Only for trusted networks and tests. */
    NONE,
    /** Messages signed with Basic256Sha256, not encrypted. */
    BASIC256SHA256_SIGN,
    /** Messages signed and encrypted with Basic256Sha256. */
    BASIC256SHA256_SIGN_AND_ENCRYPT
}
