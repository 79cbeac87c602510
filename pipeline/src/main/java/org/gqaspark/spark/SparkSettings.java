package org.gqaspark.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings from which a job builds its Spark session: master, application name, extra Spark
 * options and the s3a connections. Delta Lake is always enabled. Read from the {@code spark}
 * block of a job's HOCON file:
 *
 * <pre>
 * spark {
 *   master = "local[*]"         # optional; spark-submit's --master wins over it
 *   app-name = "gqa-tokenize"
 *   conf { "spark.sql.shuffle.partitions" = 64 }
 *   s3 = [{                     # one block, or a list of blocks scoped by bucket
 *     bucket = "corpora"        # optional; without it the block applies to every bucket
 *     endpoint = "http://127.0.0.1:9000"
 *     region = "us-east-1"
 *     path-style-access = true
 *     ssl-enabled = false       # optional; derived from the endpoint scheme
 *     credentials-provider = "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"
 *     access-key = ${?AWS_ACCESS_KEY_ID}
 *     secret-key = ${?AWS_SECRET_ACCESS_KEY}
 *   }]
 * }
 * </pre>
 *
 * @param master the Spark master URL, or null to take spark-submit's or, without one, {@link
 *     #EMBEDDED_MASTER}
 * @param appName the application name shown by the cluster manager
 * @param conf extra Spark options, passed to the session builder unchanged
 * @param s3 s3a connection settings, at most one per bucket and one for all buckets
 */
public record SparkSettings(
    String master, String appName, Map<String, String> conf, List<S3Settings> s3) {

  /** The master of the embedded default: local mode with one worker thread per core. */
  public static final String EMBEDDED_MASTER = "local[*]";

  public SparkSettings {
    if (master != null && master.isBlank()) {
      throw SparkErrors.invalidValue("spark.master", "\"" + master + "\"",
          "a Spark master URL such as local[4] or yarn, or absent");
    }
    if (appName == null || appName.isBlank()) {
      throw SparkErrors.invalidValue("spark.app-name", appName, "a non-empty name");
    }
    conf = Map.copyOf(conf);
    s3 = List.copyOf(s3);
    Set<String> scopes = new HashSet<>();
    for (S3Settings settings : s3) {
      String scope = settings.bucket() == null ? "the block for all buckets"
          : "bucket " + settings.bucket();
      if (!scopes.add(scope)) {
        throw SparkErrors.duplicateBucket(scope);
      }
    }
  }

  /** Returns local-mode settings with no extra options and no S3 connection. */
  public static SparkSettings embedded(String appName) {
    return new SparkSettings(null, appName, Map.of(), List.of());
  }

  /** Returns these settings with one more S3 connection. */
  public SparkSettings withS3(S3Settings settings) {
    List<S3Settings> all = new ArrayList<>(s3);
    all.add(settings);
    return new SparkSettings(master, appName, conf, all);
  }

  /**
   * Reads the settings from a {@code spark} block (the block itself, not its parent).
   * {@code defaultAppName} applies when the block has no {@code app-name}.
   *
   * @throws SparkErrors.InvalidSettingException naming the file, line and key of a bad value
   */
  public static SparkSettings fromConfig(Config spark, String defaultAppName) {
    try {
      String master = spark.hasPath("master") ? spark.getString("master") : null;
      String appName = spark.hasPath("app-name") ? spark.getString("app-name") : defaultAppName;
      Map<String, String> conf = new TreeMap<>();
      if (spark.hasPath("conf")) {
        for (Map.Entry<String, ConfigValue> entry : spark.getConfig("conf").entrySet()) {
          // Unquoted keys such as spark.sql.shuffle.partitions arrive as nested paths.
          String key = String.join(".", ConfigUtil.splitPath(entry.getKey()));
          conf.put(key, String.valueOf(entry.getValue().unwrapped()));
        }
      }
      List<S3Settings> s3 = new ArrayList<>();
      if (spark.hasPath("s3")) {
        if (spark.getValue("s3").valueType() == ConfigValueType.LIST) {
          for (Config block : spark.getConfigList("s3")) {
            s3.add(s3FromConfig(block));
          }
        } else {
          s3.add(s3FromConfig(spark.getConfig("s3")));
        }
      }
      return new SparkSettings(master, appName, conf, s3);
    } catch (ConfigException e) {
      throw SparkErrors.fromConfig(e);
    }
  }

  private static S3Settings s3FromConfig(Config block) {
    return new S3Settings(
        optionalString(block, "bucket"),
        optionalString(block, "endpoint"),
        optionalString(block, "region"),
        block.hasPath("path-style-access") && block.getBoolean("path-style-access"),
        block.hasPath("ssl-enabled") ? block.getBoolean("ssl-enabled") : null,
        optionalString(block, "credentials-provider"),
        optionalString(block, "access-key"),
        optionalString(block, "secret-key"));
  }

  private static String optionalString(Config config, String path) {
    return config.hasPath(path) ? config.getString(path) : null;
  }
}
