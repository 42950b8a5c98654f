package io.k4s.server.internal.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build an in-memory key store from PEM files as Kubernetes' {@code --tls-cert-file} and
 * {@code --tls-private-key-file} take them: a certificate chain, and an unencrypted PKCS#8 private
 * key ({@code BEGIN PRIVATE KEY}, what {@code openssl req -newkey} writes) of RSA, EC or Ed25519.
 */
public final class PemKeyStore {

    /** The alias and password of the key in the store. */
    public static final String ALIAS = "k4s";

    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

    private PemKeyStore() {}

    /**
     * The key store holding {@code keyFile}'s key with {@code certFile}'s chain, protected by {@code password}.
     *
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static KeyStore load(Path certFile, Path keyFile, char[] password) throws IOException {
        List<? extends Certificate> chain;
        try (var in = new ByteArrayInputStream(Files.readAllBytes(certFile))) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(certFile + ": not a PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(certFile + ": no certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        PrivateKey key = key(keyFile, Files.readString(keyFile, StandardCharsets.US_ASCII));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(keyFile + " does not go with " + certFile + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey key(Path file, String pem) {
        Matcher m = KEY.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException(file + ": no private key found (expected -----BEGIN PRIVATE KEY-----)");
        }
        if (!m.group(1).isEmpty()) {
            throw new IllegalArgumentException(file + ": a " + m.group(1).strip() + " private key; k4s reads unencrypted"
                    + " PKCS#8 keys (BEGIN PRIVATE KEY): convert it with openssl pkcs8 -topk8 -nocrypt -in "
                    + file + " -out key.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm: the PKCS#8 header names it, but KeyFactory wants it up front
                continue;
            }
        }
        throw new IllegalArgumentException(file + ": the private key is not an RSA, EC or Ed25519 PKCS#8 key");
    }
}
