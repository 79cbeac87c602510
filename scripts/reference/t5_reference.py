#!/usr/bin/python3
"""Writes the reference fixtures that the Java engine's T5ReferenceTest compares against.

For each case: a tiny T5 with grouped-query attention, weights from Hugging Face's
initialisation with a fixed seed (layer norms perturbed so that their gradients are not
trivial), and a fixed batch with source padding, decoder padding and ignored labels.
The forward and backward passes run in float64 with PyTorch autograd from fixed float32
weights. The script stores the logits, the loss and every parameter gradient rounded to
float32, and the losses of a few AdamW steps.

Files per case, under the output folder:
  <case>.json  manifest: config.json keys, the batch, the loss, the AdamW run, and for
               each tensor its shape and offset (in float32 elements) in the data file
  <case>.bin   every tensor as little-endian float32, in manifest order:
               weight/<name>, grad/<name>, logits
and relative_position_buckets.json with Hugging Face's buckets for 32 buckets and maximum
distance 128, relative positions -300 .. 300.

Regenerate (Debian's python3-torch 1.13, no other package needed), from the repository root:
  /usr/bin/python3 scripts/reference/t5_reference.py pipeline/src/test/resources/reference
The output is deterministic for a given PyTorch version.
"""

import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import t5_model  # noqa: E402

BASE_CONFIG = {
    "vocab_size": 32,
    "d_model": 16,
    "d_kv": 4,
    "d_ff": 24,
    "num_layers": 2,
    "num_decoder_layers": 2,
    "num_heads": 4,
    "relative_attention_num_buckets": 8,
    "relative_attention_max_distance": 12,
    "dropout_rate": 0.1,
    "layer_norm_epsilon": 1e-6,
    "initializer_factor": 1.0,
    "pad_token_id": 0,
    "eos_token_id": 1,
    "decoder_start_token_id": 0,
}

CASES = {
    # Grouped-query attention where Ainslie et al. (2023, arXiv 2305.13245) apply it,
    # decoder self-attention and cross-attention; ReLU feed-forward; tied LM head.
    "t5_gqa_relu_tied": dict(BASE_CONFIG, num_key_value_heads=2,
                             gqa_attention_kinds=["decoder_self", "cross"],
                             feed_forward_proj="relu", tie_word_embeddings=True),
    # Grouped-query attention in every attention layer, gated GELU, untied LM head.
    "t5_gqa_gated_untied": dict(BASE_CONFIG, num_key_value_heads=2,
                                gqa_attention_kinds=["encoder_self", "decoder_self", "cross"],
                                feed_forward_proj="gated-gelu", tie_word_embeddings=False),
}

# B = 3, T_enc = 9, T_dec = 7: source padding in rows 1 and 2, decoder padding (with
# ignored labels) at the end of row 1, one ignored label inside row 2.
INPUT_IDS = [[5, 17, 9, 23, 4, 30, 12, 8, 1],
             [7, 3, 28, 11, 1, 0, 0, 0, 0],
             [19, 25, 1, 0, 0, 0, 0, 0, 0]]
ATTENTION_MASK = [[1] * 9, [1] * 5 + [0] * 4, [1] * 3 + [0] * 6]
LABELS = [[6, 14, 22, 3, 27, 9, 1],
          [21, 2, 13, 1, -100, -100, -100],
          [8, 31, -100, 16, 5, 10, 1]]
DECODER_ATTENTION_MASK = [[1] * 7, [1] * 4 + [0] * 3, [1] * 7]

ADAMW = {"lr": 1e-2, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.01, "steps": 5}


def build(config, seed):
    model = t5_model.T5ForConditionalGeneration(config)
    generator = torch.Generator().manual_seed(seed)
    t5_model.init_weights(model, config, generator)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("layer_norm.weight"):
                parameter.add_(0.2 * torch.randn(parameter.shape, generator=generator))
    return model


def batch_tensors(config):
    labels = torch.tensor(LABELS)
    return {
        "input_ids": torch.tensor(INPUT_IDS),
        "attention_mask": torch.tensor(ATTENTION_MASK),
        "decoder_input_ids": t5_model.shift_right(labels, config["decoder_start_token_id"],
                                                  config["pad_token_id"]),
        "decoder_attention_mask": torch.tensor(DECODER_ATTENTION_MASK),
        "labels": labels,
    }


def write_case(out_dir, case, config, seed):
    model = build(config, seed)
    weights = {name: value.detach().clone() for name, value in model.hf_state_dict().items()}

    # Forward and backward in float64 from the float32 weights, in evaluation mode
    # (no dropout), so that the expected values are the exact function rounded once.
    model.double().eval()
    batch = batch_tensors(config)
    logits, loss = model(**batch)
    loss.backward()
    parameters = dict(model.named_parameters())
    grads = {name: parameters[name].grad.detach().float() for name in weights}

    # A few AdamW steps in float64 from the same weights, for the loss trajectory.
    model = build(config, seed).double().eval()
    optimizer = torch.optim.AdamW(model.parameters(), lr=ADAMW["lr"], betas=ADAMW["betas"],
                                  eps=ADAMW["eps"], weight_decay=ADAMW["weight_decay"])
    losses = []
    for _ in range(ADAMW["steps"]):
        optimizer.zero_grad()
        _, step_loss = model(**batch)
        losses.append(step_loss.item())
        step_loss.backward()
        optimizer.step()

    tensors = [("weight/" + name, value) for name, value in weights.items()]
    tensors += [("grad/" + name, value) for name, value in grads.items()]
    tensors.append(("logits", logits.detach().float().reshape(-1, config["vocab_size"])))
    manifest_tensors = {}
    offset = 0
    with open(os.path.join(out_dir, case + ".bin"), "wb") as data:
        for name, value in tensors:
            flat = value.detach().float().contiguous().view(-1).tolist()
            data.write(struct.pack("<%df" % len(flat), *flat))
            manifest_tensors[name] = {"shape": list(value.shape), "offset": offset}
            offset += len(flat)

    manifest = {
        "generator": "scripts/reference/t5_reference.py",
        "torch_version": torch.__version__,
        "seed": seed,
        "config": config,
        "batch": {
            "batch_size": len(INPUT_IDS),
            "source_length": len(INPUT_IDS[0]),
            "target_length": len(LABELS[0]),
            **{key: value.view(-1).tolist() for key, value in batch.items()},
        },
        "loss": loss.item(),
        "adamw": dict(ADAMW, losses=losses),
        "data_file": case + ".bin",
        "tensors": manifest_tensors,
    }
    with open(os.path.join(out_dir, case + ".json"), "w") as out:
        json.dump(manifest, out, indent=1)
        out.write("\n")


def write_buckets(out_dir):
    positions = torch.arange(-300, 301)
    buckets = {
        "num_buckets": 32,
        "max_distance": 128,
        "relative_positions": positions.tolist(),
        "bidirectional": t5_model.relative_position_bucket(positions, True, 32, 128).tolist(),
        "causal": t5_model.relative_position_bucket(positions, False, 32, 128).tolist(),
    }
    with open(os.path.join(out_dir, "relative_position_buckets.json"), "w") as out:
        json.dump(buckets, out)
        out.write("\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: t5_reference.py OUTPUT_FOLDER")
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    for seed, (case, config) in enumerate(CASES.items(), start=42):
        write_case(out_dir, case, config, seed)
    write_buckets(out_dir)


if __name__ == "__main__":
    main()
