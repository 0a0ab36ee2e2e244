package io.burnwatch.jobs.sinks;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * How a sink trusts an {@code https} server: the JVM's default trust store, or the CA
 * certificates of a PEM file (a private CA, as InfluxDB, Elasticsearch and Alertmanager are often
 * set up with). The certificates are read when the settings are loaded, so a missing file fails the
 * job's start, not its first write.
 *
 * @param caPem the CA certificates (PEM), empty for the JVM's trust store
 */
public record Tls(String caPem, String caFile) implements Serializable {

    public static final Tls SYSTEM = new Tls("", "");

    public static Tls fromCaFile(Path file) throws IOException {
        return new Tls(Files.readString(file), file.toString());
    }

    public boolean isSystem() {
        return caPem.isEmpty();
    }

    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS: " + e.getMessage(), e);
        }
    }

    public X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (isSystem()) {
                factory.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                Collection<? extends Certificate> certificates;
                try (InputStream in = new java.io.ByteArrayInputStream(caPem.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certificates.isEmpty()) {
                    throw new IllegalArgumentException("tls.caFile " + caFile + ": no certificate in it");
                }
                int i = 0;
                for (Certificate c : certificates) {
                    store.setCertificateEntry("ca-" + i++, c);
                }
                factory.init(store);
            }
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("tls.caFile " + caFile + ": " + e.getMessage(), e);
        }
    }
}
