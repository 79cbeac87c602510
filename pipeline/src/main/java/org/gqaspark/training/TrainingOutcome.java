package org.gqaspark.training;

import org.gqaspark.model.T5Config;

/**
 * The summary of a training run.
 *
 * @param config the trained model's config
 * @param steps steps done (the configured total)
 * @param resumedFrom the checkpoint step this attempt resumed from; 0 for a fresh start
 * @param lastLoss training loss of the last step
 * @param firstValidationLoss validation loss before the first step of the run, NaN when the
 *     run has no validation or this attempt resumed
 * @param validationLoss validation loss after the last step; NaN without validation
 * @param finalCheckpoint directory of the last checkpoint
 * @param skippedSteps steps skipped for a non-finite loss or gradient
 * @param seconds wall-clock seconds of this attempt
 * @param targetTokens target tokens trained on in this attempt
 */
public record TrainingOutcome(T5Config config, long steps, long resumedFrom, double lastLoss,
    double firstValidationLoss, double validationLoss, String finalCheckpoint,
    long skippedSteps, double seconds, long targetTokens) {}
