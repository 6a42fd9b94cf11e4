package io.virtplatform.exporter.testing;

/** Inputs from the fault report that once broke the exporter, for regression tests. */
public final class HostileInput {

  private HostileInput() {}

  /**
   * The reported {@code platform.kubevirt.io/patch}: one {@code add} of {@code /data/s}, then
   * {@code copies} copies of {@code /data/s} into itself, each doubling the golden document.
   */
  public static String copyBomb(int copies) {
    StringBuilder patch = new StringBuilder(
        "[{\"op\":\"add\",\"path\":\"/data/s\",\"value\":{\"k\":\"v\"}}");
    for (int i = 0; i < copies; i++) {
      patch.append(",{\"op\":\"copy\",\"from\":\"/data/s\",\"path\":\"/data/s/c").append(i)
          .append("\"}");
    }
    return patch.append(']').toString();
  }
}
