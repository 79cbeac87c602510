#!/usr/bin/python3
"""PyTorch baseline of `gqa bench train`: training throughput of the same T5 shapes with
PyTorch eager on the CPU, in target tokens per second (forward, backward, global-norm
clipping and one AdamW step per batch), printed as one JSON line.

Fair thread settings for Debian's python3-torch 1.13: its fp32 matrix products go to
OpenBLAS, whose thread pool torch.set_num_threads does not limit, so the script also calls
openblas_set_num_threads through ctypes. With more than one thread it sets
OMP_WAIT_POLICY=PASSIVE before importing torch unless the variable is already set, because
OpenMP threads that spin-wait compete with OpenBLAS's threads for the same cores.

Usage (the Java benchmark runs it the same way):
  /usr/bin/python3 scripts/reference/torch_train_bench.py --shape t5-small --kv-heads 2 \
      --threads 2 --steps 3 --warmup 1
"""

import argparse
import ctypes
import json
import os
import sys
import time

SHAPES = {
    # d_model, d_ff, heads, d_kv, layers, vocab, batch, length
    "tiny": dict(d_model=256, d_ff=1024, num_heads=8, d_kv=32, num_layers=4, vocab_size=16000,
                 batch=16, length=64),
    "t5-small": dict(d_model=512, d_ff=2048, num_heads=8, d_kv=64, num_layers=6,
                     vocab_size=32128, batch=8, length=128),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(SHAPES), required=True)
    parser.add_argument("--kv-heads", type=int, required=True,
                        help="key/value heads of decoder self- and cross-attention")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--steps", type=int, default=3, help="timed steps")
    parser.add_argument("--warmup", type=int, default=1, help="untimed steps before timing")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


def limit_openblas(threads):
    """Calls openblas_set_num_threads on the OpenBLAS that torch loaded; returns its path."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line and "/" in line}
    for path in sorted(paths):
        library = ctypes.CDLL(path)
        if hasattr(library, "openblas_set_num_threads"):
            library.openblas_set_num_threads(threads)
            return path
    return ", ".join(sorted(paths)) or "none found"


def main():
    args = parse_args()
    if args.threads > 1:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import torch  # noqa: E402, after OMP_WAIT_POLICY

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import t5_model  # noqa: E402

    torch.set_num_threads(args.threads)
    blas = limit_openblas(args.threads)
    shape = SHAPES[args.shape]
    config = {
        "vocab_size": shape["vocab_size"], "d_model": shape["d_model"], "d_kv": shape["d_kv"],
        "d_ff": shape["d_ff"], "num_layers": shape["num_layers"],
        "num_decoder_layers": shape["num_layers"], "num_heads": shape["num_heads"],
        "num_key_value_heads": args.kv_heads, "gqa_attention_kinds": ["decoder_self", "cross"],
        "relative_attention_num_buckets": 32, "relative_attention_max_distance": 128,
        "dropout_rate": 0.1, "layer_norm_epsilon": 1e-6, "initializer_factor": 1.0,
        "feed_forward_proj": "relu", "tie_word_embeddings": True,
        "pad_token_id": 0, "eos_token_id": 1, "decoder_start_token_id": 0,
    }
    torch.manual_seed(args.seed)
    model = t5_model.T5ForConditionalGeneration(config)
    t5_model.init_weights(model, config, torch.Generator().manual_seed(args.seed))
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)

    batch, length = shape["batch"], shape["length"]
    input_ids = torch.randint(2, config["vocab_size"], (batch, length))
    labels = torch.randint(2, config["vocab_size"], (batch, length))
    inputs = {
        "input_ids": input_ids,
        "attention_mask": torch.ones(batch, length, dtype=torch.long),
        "decoder_input_ids": t5_model.shift_right(labels, 0, 0),
        "decoder_attention_mask": torch.ones(batch, length, dtype=torch.long),
        "labels": labels,
    }

    def step():
        optimizer.zero_grad(set_to_none=True)
        _, loss = model(**inputs)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()

    for _ in range(args.warmup):
        step()
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(args.steps):
        step()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(json.dumps({
        "framework": "pytorch " + torch.__version__,
        "shape": args.shape,
        "kv_heads": args.kv_heads,
        "threads": args.threads,
        "blas": blas,
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", ""),
        "steps": args.steps,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "target_tokens_per_second": batch * length * args.steps / seconds,
    }))


if __name__ == "__main__":
    main()
