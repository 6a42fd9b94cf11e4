package io.virtplatform.exporter.http.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** In-memory key stores, the form JSSE's key and trust manager factories take. */
final class KeyStores {

  private KeyStores() {
  }

  static KeyStore empty() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      // Loading from no stream reads nothing.
      throw new GeneralSecurityException(e);
    }
    return store;
  }
}
