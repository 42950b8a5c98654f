package io.k4s.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's keytool and written
 * as the PEM files {@code serve --tls-cert/--tls-key} read; and an SSL context that trusts it.
 *
 * @param cert the PEM certificate
 * @param key  the PEM (PKCS#8) private key
 */
record TestCertificate(Path cert, Path key, SSLContext trusting) {

    static TestCertificate create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "k4s", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Certificate certificate = ks.getCertificate("k4s");
        Base64.Encoder pem = Base64.getMimeEncoder(64, new byte[] {'\n'});
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Path key = dir.resolve("key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(ks.getKey("k4s",
                "changeit".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("k4s", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return new TestCertificate(cert, key, ssl);
    }

    /** The certificate's PEM bytes, for a kubeconfig's certificate-authority-data. */
    byte[] pem() throws IOException {
        return Files.readAllBytes(cert);
    }

    static List<String> tokens() {
        return List.of("admin-token,admin,1,\"system:masters\"", "reader-token,alice,2,\"readers\"",
                "nobody-token,bob,3");
    }
}
