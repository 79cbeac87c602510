package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerStateTest {

  @Test
  void jsonRoundTrip() {
    TrainerState state = new TrainerState("uptrain-1", "uptrain", "pretrain-1", 120, 400, 8000,
        5, 32, 8, "native", "adafactor", 118, 2, 0, 3.25, 120,
        List.of(new TrainerState.SourcePosition("scitldr/train", 2118, 3840)));

    assertEquals(state, TrainerState.fromJson(state.toJson(), "memory"));
  }

  @Test
  void nanLossWrittenAsNull() {
    TrainerState state = new TrainerState("r", "pretrain", null, 0, 10, 10, 0, 4, 4, "java",
        "adamw", 0, 0, 0, Double.NaN, 0, List.of());

    assertEquals(true, state.toJson().contains("\"last_finite_loss\" : null"));
    assertEquals(true, Double.isNaN(TrainerState.fromJson(state.toJson(), "m")
        .lastFiniteLoss()));
  }

  @Test
  void otherFormatRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TrainerState.fromJson("{\"format\": \"hf-trainer\"}", "/ck/trainer_state.json"));

    assertEquals("Invalid trainer state /ck/trainer_state.json: \"format\" is not"
        + " \"gqa-trainer-state\". The checkpoint was not written by this trainer or was"
        + " edited; resume from another checkpoint or start a new run id.",
        error.getMessage());
  }
}
