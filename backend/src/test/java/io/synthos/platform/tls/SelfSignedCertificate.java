package io.synthos.platform.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** A certificate for localhost and 127.0.0.1 that a test makes, writes as PEM and trusts. */
record SelfSignedCertificate(X509Certificate certificate, Path certFile, Path keyFile) {

  @SuppressWarnings("deprecation") // bcprov's own generator: bcpkix is not on the classpath
  static SelfSignedCertificate create(Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    X500Principal name = new X500Principal("CN=localhost");
    Instant now = Instant.now();
    org.bouncycastle.x509.X509V3CertificateGenerator builder =
        new org.bouncycastle.x509.X509V3CertificateGenerator();
    builder.setSerialNumber(BigInteger.valueOf(now.toEpochMilli()));
    builder.setIssuerDN(name);
    builder.setSubjectDN(name);
    builder.setNotBefore(Date.from(now.minus(Duration.ofMinutes(5))));
    builder.setNotAfter(Date.from(now.plus(Duration.ofDays(1))));
    builder.setPublicKey(pair.getPublic());
    builder.setSignatureAlgorithm("SHA256withRSA");
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    X509Certificate certificate = builder.generate(pair.getPrivate());
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.writeString(
        cert, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(
        key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    return new SelfSignedCertificate(certificate, cert, key);
  }

  /** A client context that trusts this certificate only. */
  SSLContext trustingContext() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("synthos", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
