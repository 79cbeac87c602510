#!/usr/bin/env python3
"""Writes the safetensors compatibility fixtures of SafetensorsCompatibilityTest.

The `safetensors` Python package is not installed on the build machines, so this script
lays the files out by hand, following the format as the reference writer (safetensors 0.4,
Rust `serialize_to_file`) produces it:

- 8 bytes: N, the header length, little-endian unsigned 64-bit;
- N bytes: compact JSON (no spaces), `__metadata__` first, then one entry per tensor with
  the keys dtype, shape, data_offsets in that order; tensors sorted by descending dtype
  (F64 > F32 > BF16 > F16 in the reference's enum order), then by name; the JSON padded
  with spaces to a multiple of 8 bytes;
- the data section: each tensor's little-endian row-major bytes, back to back.

BF16 bits come from PyTorch (`tensor.to(torch.bfloat16)`, round to nearest even), F16
bits from NumPy. Run from the repository root:

    python3 pipeline/src/test/python/make_safetensors_fixtures.py

Requires python3-numpy and python3-torch (Debian packages).
"""

import json
import pathlib
import struct

import numpy as np
import torch

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "checkpoint"

# Reference enum order; a higher rank is stored first.
DTYPE_RANK = {"F16": 7, "BF16": 8, "F32": 11, "F64": 12}


def f32(values, shape):
    return "F32", shape, np.asarray(values, dtype="<f4").tobytes()


def bf16_from_floats(values, shape):
    bits = torch.tensor(values, dtype=torch.float32).to(torch.bfloat16).view(torch.int16)
    return "BF16", shape, bits.numpy().astype("<i2").tobytes()


def bits16(dtype, bit_patterns, shape):
    return dtype, shape, np.asarray(bit_patterns, dtype="<u2").tobytes()


def write(path, tensors, metadata):
    order = sorted(tensors, key=lambda name: (-DTYPE_RANK[tensors[name][0]], name.encode()))
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    offset = 0
    for name in order:
        dtype, shape, data = tensors[name]
        header[name] = {"dtype": dtype, "shape": shape,
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for name in order:
            out.write(tensors[name][2])
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def main():
    OUT.mkdir(parents=True, exist_ok=True)

    # All three readable dtypes with hand-checkable values, a scalar and an empty tensor.
    write(OUT / "reference_mixed.safetensors", {
        "f32.matrix": f32([0.0, -0.0, 1.5, -2.25, 3.4028235e38, 1.0e-45], [2, 3]),
        "f32.scalar": f32([7.0], []),
        "empty": f32([], [0, 4]),
        # 1.0, -2.0, +inf, -inf, NaN, -0.0, smallest subnormal 2^-133, 1 + 2^-7.
        "bf16.values": bits16("BF16", [0x3F80, 0xC000, 0x7F80, 0xFF80, 0x7FC0, 0x8000,
                                       0x0001, 0x3F81], [2, 4]),
        # 1.0, -2.0, 65504 (largest), 2^-24 (smallest subnormal), 1023 * 2^-24 (largest
        # subnormal), 2^-14 (smallest normal), +inf, -inf, NaN, -0.0.
        "f16.values": bits16("F16", [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x0400,
                                     0x7C00, 0xFC00, 0x7E00, 0x8000], [2, 5]),
    }, {"format": "pt"})

    # F32 only, as SafetensorsWriter must reproduce byte for byte.
    write(OUT / "reference_f32.safetensors", {
        "encoder.block.0.layer.0.SelfAttention.q.weight":
            f32([0.5, -1.0, 2.0, 0.125, -0.0, 1e-3], [3, 2]),
        "shared.weight": f32([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [4, 2]),
        "Bias": f32([-3.5], [1]),
    }, {"format": "pt"})

    # BF16 from floats that need rounding: PyTorch's bits, which SafetensorsWriter must
    # reproduce from the same floats.
    write(OUT / "reference_bf16.safetensors", {
        "rounded": bf16_from_floats([1.0 + 2.0 ** -8, 1.0 + 3 * 2.0 ** -8, -3.14159265,
                                     1.0e-40, 3.4028235e38, 65504.0], [2, 3]),
    }, {"format": "pt"})


if __name__ == "__main__":
    main()
