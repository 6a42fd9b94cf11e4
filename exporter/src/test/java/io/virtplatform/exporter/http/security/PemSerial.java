package io.virtplatform.exporter.http.security;

import io.virtplatform.exporter.config.PemFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;

/** The serial number of the first certificate of a PEM file. */
final class PemSerial {

  private PemSerial() {
  }

  static BigInteger of(Path file) throws IOException {
    return PemFiles.certificates(file).get(0).getSerialNumber();
  }
}
