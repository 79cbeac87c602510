package org.gqaspark.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop configuration that Spark can ship to executors (broadcast it once per job), so
 * that tasks open files with the driver's file-system settings, s3a endpoints and
 * credentials included. Hadoop's {@link Configuration} is {@code Writable} but not {@code
 * Serializable}.
 */
public final class SerializableHadoopConfiguration implements Serializable {

  private static final long serialVersionUID = 1L;

  private transient Configuration configuration;

  public SerializableHadoopConfiguration(Configuration configuration) {
    this.configuration = new Configuration(configuration);
  }

  public Configuration get() {
    return configuration;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    configuration.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    // false: do not load core-default.xml and friends, the written values are complete.
    configuration = new Configuration(false);
    configuration.readFields(in);
  }
}
