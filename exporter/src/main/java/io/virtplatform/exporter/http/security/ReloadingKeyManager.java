package io.virtplatform.exporter.http.security;

import io.virtplatform.exporter.config.PemFiles.ServerCertificate;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Serves the certificate its files hold now. Each handshake asks {@link ReloadingFiles} for the
 * current certificate, so a rotated one is used from the next connection on, without a restart,
 * and connections already open keep theirs.
 *
 * <p>A handshake picks an alias first and fetches its key and chain afterwards. The alias names
 * the load ({@code generation-N}), and the previous load is kept, so a rotation between the two
 * calls cannot pair one certificate with another's key.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

  private static final char[] NO_PASSWORD = new char[0];

  private record Delegate(String alias, X509ExtendedKeyManager keys) {
  }

  private final ReloadingFiles<ServerCertificate> files;
  private volatile Delegate current;
  private volatile Delegate previous;

  ReloadingKeyManager(ReloadingFiles<ServerCertificate> files) throws GeneralSecurityException {
    this.files = files;
    this.current = delegate(files.current());
    this.previous = current;
  }

  private Delegate delegateNow() {
    ReloadingFiles.Loaded<ServerCertificate> loaded = files.current();
    Delegate now = current;
    if (!now.alias().equals(alias(loaded))) {
      synchronized (this) {
        if (current == now) {
          try {
            previous = now;
            current = delegate(loaded);
          } catch (GeneralSecurityException e) {
            // PemFiles checked the key and chain; a key store over them cannot fail.
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return current;
  }

  private Delegate byAlias(String alias) {
    Delegate now = current;
    return now.alias().equals(alias) ? now : previous;
  }

  private static Delegate delegate(ReloadingFiles.Loaded<ServerCertificate> loaded)
      throws GeneralSecurityException {
    String alias = alias(loaded);
    KeyStore store = KeyStores.empty();
    store.setKeyEntry(alias, loaded.value().key(), NO_PASSWORD,
        loaded.value().chain().toArray(new X509Certificate[0]));
    KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
    factory.init(store, NO_PASSWORD);
    return new Delegate(alias, (X509ExtendedKeyManager) factory.getKeyManagers()[0]);
  }

  private static String alias(ReloadingFiles.Loaded<?> loaded) {
    return "generation-" + loaded.generation();
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return delegateNow().keys().chooseEngineServerAlias(keyType, issuers, engine);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return delegateNow().keys().chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return delegateNow().keys().getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return byAlias(alias).keys().getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return byAlias(alias).keys().getPrivateKey(alias);
  }

  /** A server has no client certificate. */
  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
