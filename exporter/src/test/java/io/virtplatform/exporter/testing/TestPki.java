package io.virtplatform.exporter.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** CAs and certificates made by the tests, written as PEM the way cert-manager writes them. */
public final class TestPki {

  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  private TestPki() {
  }

  /** A certificate and its key pair. */
  public record Issued(X509Certificate certificate, KeyPair keys) {

    /** The certificate as PEM; the key as PKCS#1 ({@code RSA PRIVATE KEY}), as openssl writes. */
    public void write(Path certFile, Path keyFile) throws IOException {
      Files.writeString(certFile, pem(certificate));
      Files.writeString(keyFile, pem(keys.getPrivate()));
    }

    /** A client context presenting this certificate and trusting {@code ca}. */
    public SSLContext clientContext(Issued ca) throws GeneralSecurityException, IOException {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", keys.getPrivate(), new char[0],
          new X509Certificate[] {certificate});
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("SunX509");
      keyManagers.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new AlwaysPresent(
              (X509ExtendedKeyManager) keyManagers.getKeyManagers()[0])},
          trusting(ca).getTrustManagers(), null);
      return context;
    }
  }

  /**
   * Presents the certificate whatever CAs the server asks for: JSSE would otherwise withhold one
   * the server's CA list does not name, and a test of the server's check would test nothing.
   */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;

    AlwaysPresent(X509ExtendedKeyManager keys) {
      this.keys = keys;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      return "client";
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "client";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }

  public static Issued ca(String name) {
    KeyPair keys = rsa();
    return new Issued(sign(name, keys, name, keys, true, false), keys);
  }

  /** A server certificate for 127.0.0.1 and localhost. */
  public static Issued server(Issued ca) {
    KeyPair keys = rsa();
    return new Issued(sign("virt-platform-exporter", keys, subject(ca), ca.keys(), false, true),
        keys);
  }

  public static Issued client(Issued ca, String name) {
    KeyPair keys = rsa();
    return new Issued(sign(name, keys, subject(ca), ca.keys(), false, false), keys);
  }

  /** A client context trusting {@code ca}, without a certificate of its own. */
  public static SSLContext trustingContext(Issued ca) throws GeneralSecurityException,
      IOException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trusting(ca).getTrustManagers(), null);
    return context;
  }

  public static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static TrustManagerFactory trusting(Issued ca) throws GeneralSecurityException,
      IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  private static String subject(Issued ca) {
    return ca.certificate().getSubjectX500Principal().getName();
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(String name, KeyPair keys, String issuer,
      KeyPair issuerKeys, boolean ca, boolean server) {
    try {
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          new X500Name(issuer.startsWith("CN=") ? issuer : "CN=" + issuer),
          BigInteger.valueOf(SERIALS.incrementAndGet()),
          Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))),
          new X500Name("CN=" + name), keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (server) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
            new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
      }
      return new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }
}
