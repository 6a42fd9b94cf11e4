package io.virtplatform.exporter.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed CA certificates with a chosen expiry, as a webhook's {@code caBundle} holds them.
 * A fixed PEM cannot expire "in three days", so the demo makes its CAs when it seeds the cluster.
 * BouncyCastle comes with the mock API server that the demo embeds.
 */
public final class SelfSignedCa {

  private SelfSignedCa() {}

  /** PEM text of a new CA certificate valid from {@code notBefore} until {@code notAfter}. */
  public static String pem(String commonName, Instant notBefore, Instant notAfter) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=" + commonName);
      X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name,
          BigInteger.valueOf(notAfter.toEpochMilli()), Date.from(notBefore), Date.from(notAfter),
          name, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot create a self-signed CA", e);
    }
  }

  /** The {@code caBundle} field for PEM text: base64, as the API serializes bytes. */
  public static String caBundle(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
