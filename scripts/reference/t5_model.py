"""T5 with grouped-query attention in plain PyTorch, following the equations of Hugging
Face's T5ForConditionalGeneration (transformers 4.x, modeling_t5.py), for reference
fixtures and the training benchmark baseline. Hugging Face transformers is not needed.

Grouped-query attention: query heads g*G .. g*G + G - 1 share key/value head g, where
G = num_heads / num_key_value_heads. The kinds of attention that use
num_key_value_heads are listed in gqa_attention_kinds (encoder_self, decoder_self,
cross); the others keep one key/value head per query head.

Parameter names and shapes are Hugging Face's state-dict names, so a state dict of this
module loads into the Java engine's parameter store unchanged.
"""

import math

import torch
from torch import nn

IGNORE_INDEX = -100


def relative_position_bucket(relative_position, bidirectional, num_buckets, max_distance):
    """Hugging Face's T5Attention._relative_position_bucket, unchanged in its arithmetic."""
    relative_buckets = 0
    if bidirectional:
        num_buckets //= 2
        relative_buckets += (relative_position > 0).to(torch.long) * num_buckets
        relative_position = torch.abs(relative_position)
    else:
        relative_position = -torch.min(relative_position, torch.zeros_like(relative_position))
    max_exact = num_buckets // 2
    is_small = relative_position < max_exact
    relative_position_if_large = max_exact + (
        torch.log(relative_position.float() / max_exact)
        / math.log(max_distance / max_exact)
        * (num_buckets - max_exact)
    ).to(torch.long)
    relative_position_if_large = torch.min(
        relative_position_if_large, torch.full_like(relative_position_if_large, num_buckets - 1)
    )
    relative_buckets += torch.where(is_small, relative_position, relative_position_if_large)
    return relative_buckets


class T5LayerNorm(nn.Module):
    """RMS norm without mean subtraction or bias.

    Hugging Face casts to float32 for the variance, which changes nothing for a float32
    model. Here the variance keeps the input's precision, so float64 fixtures stay float64
    throughout.
    """

    def __init__(self, d_model, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d_model))
        self.eps = eps

    def forward(self, x):
        variance = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.eps))


def gelu_new(x):
    """GELU, tanh approximation (Hugging Face's NewGELUActivation)."""
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class T5Attention(nn.Module):
    def __init__(self, config, kind, has_relative_attention_bias):
        super().__init__()
        self.n_heads = config["num_heads"]
        self.d_kv = config["d_kv"]
        kinds = config.get("gqa_attention_kinds", ["decoder_self", "cross"])
        self.kv_heads = config["num_key_value_heads"] if kind in kinds else self.n_heads
        self.group_size = self.n_heads // self.kv_heads
        self.bidirectional = kind == "encoder_self"
        self.num_buckets = config["relative_attention_num_buckets"]
        self.max_distance = config["relative_attention_max_distance"]
        self.dropout = config["dropout_rate"]
        d_model = config["d_model"]
        self.q = nn.Linear(d_model, self.n_heads * self.d_kv, bias=False)
        self.k = nn.Linear(d_model, self.kv_heads * self.d_kv, bias=False)
        self.v = nn.Linear(d_model, self.kv_heads * self.d_kv, bias=False)
        self.o = nn.Linear(self.n_heads * self.d_kv, d_model, bias=False)
        if has_relative_attention_bias:
            self.relative_attention_bias = nn.Embedding(self.num_buckets, self.n_heads)

    def compute_bias(self, query_length, key_length, device):
        context_position = torch.arange(query_length, dtype=torch.long, device=device)[:, None]
        memory_position = torch.arange(key_length, dtype=torch.long, device=device)[None, :]
        buckets = relative_position_bucket(memory_position - context_position,
                                           self.bidirectional, self.num_buckets, self.max_distance)
        values = self.relative_attention_bias(buckets)  # [T_q, T_k, H]
        return values.permute([2, 0, 1]).unsqueeze(0)  # [1, H, T_q, T_k]

    def forward(self, hidden, key_value_states, position_bias):
        batch, query_length, _ = hidden.shape
        key_length = key_value_states.shape[1]
        q = self.q(hidden).view(batch, query_length, self.n_heads, self.d_kv).transpose(1, 2)
        k = self.k(key_value_states).view(batch, key_length, self.kv_heads, self.d_kv).transpose(1, 2)
        v = self.v(key_value_states).view(batch, key_length, self.kv_heads, self.d_kv).transpose(1, 2)
        # Query heads of one group read the same key/value head. The Java engine stacks a
        # group's queries instead; here the heads are repeated, which is the plainest form.
        if self.group_size > 1:
            k = k.repeat_interleave(self.group_size, dim=1)
            v = v.repeat_interleave(self.group_size, dim=1)
        scores = torch.matmul(q, k.transpose(3, 2))  # no 1/sqrt(d_kv) scaling in T5
        scores = scores + position_bias
        weights = nn.functional.softmax(scores.float(), dim=-1).type_as(scores)
        weights = nn.functional.dropout(weights, p=self.dropout, training=self.training)
        context = torch.matmul(weights, v).transpose(1, 2).reshape(batch, query_length, -1)
        return self.o(context)


class T5LayerAttention(nn.Module):
    def __init__(self, config, kind, has_relative_attention_bias, module_name):
        super().__init__()
        setattr(self, module_name, T5Attention(config, kind, has_relative_attention_bias))
        self.module_name = module_name
        self.layer_norm = T5LayerNorm(config["d_model"], config["layer_norm_epsilon"])
        self.dropout = nn.Dropout(config["dropout_rate"])

    def forward(self, hidden, position_bias, key_value_states=None):
        normed = self.layer_norm(hidden)
        attention = getattr(self, self.module_name)
        source = normed if key_value_states is None else key_value_states
        return hidden + self.dropout(attention(normed, source, position_bias))


class T5DenseReluDense(nn.Module):
    def __init__(self, config):
        super().__init__()
        d_model, d_ff = config["d_model"], config["d_ff"]
        self.gated = config["feed_forward_proj"] == "gated-gelu"
        if self.gated:
            self.wi_0 = nn.Linear(d_model, d_ff, bias=False)
            self.wi_1 = nn.Linear(d_model, d_ff, bias=False)
        else:
            self.wi = nn.Linear(d_model, d_ff, bias=False)
        self.wo = nn.Linear(d_ff, d_model, bias=False)
        self.dropout = nn.Dropout(config["dropout_rate"])

    def forward(self, x):
        if self.gated:
            hidden = gelu_new(self.wi_0(x)) * self.wi_1(x)
        else:
            hidden = nn.functional.relu(self.wi(x))
        return self.wo(self.dropout(hidden))


class T5LayerFF(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.DenseReluDense = T5DenseReluDense(config)
        self.layer_norm = T5LayerNorm(config["d_model"], config["layer_norm_epsilon"])
        self.dropout = nn.Dropout(config["dropout_rate"])

    def forward(self, hidden):
        return hidden + self.dropout(self.DenseReluDense(self.layer_norm(hidden)))


class T5Block(nn.Module):
    def __init__(self, config, is_decoder, has_relative_attention_bias):
        super().__init__()
        self.is_decoder = is_decoder
        self_kind = "decoder_self" if is_decoder else "encoder_self"
        layers = [T5LayerAttention(config, self_kind, has_relative_attention_bias, "SelfAttention")]
        if is_decoder:
            layers.append(T5LayerAttention(config, "cross", False, "EncDecAttention"))
        layers.append(T5LayerFF(config))
        self.layer = nn.ModuleList(layers)

    def forward(self, hidden, position_bias, encoder_hidden=None, cross_bias=None):
        hidden = self.layer[0](hidden, position_bias)
        if self.is_decoder:
            hidden = self.layer[1](hidden, cross_bias, encoder_hidden)
        return self.layer[-1](hidden)


def extended_mask(mask, dtype):
    """Hugging Face's additive mask: 0 where attended, the most negative float elsewhere."""
    return (1.0 - mask.to(dtype)) * torch.finfo(dtype).min


class T5Stack(nn.Module):
    def __init__(self, config, is_decoder, embed_tokens):
        super().__init__()
        self.is_decoder = is_decoder
        self.embed_tokens = embed_tokens
        layers = config["num_decoder_layers"] if is_decoder else config["num_layers"]
        self.block = nn.ModuleList([T5Block(config, is_decoder, i == 0) for i in range(layers)])
        self.final_layer_norm = T5LayerNorm(config["d_model"], config["layer_norm_epsilon"])
        self.dropout = nn.Dropout(config["dropout_rate"])

    def forward(self, input_ids, attention_mask, encoder_hidden=None, encoder_mask=None):
        batch, length = input_ids.shape
        hidden = self.dropout(self.embed_tokens(input_ids))
        dtype = hidden.dtype
        if self.is_decoder:
            positions = torch.arange(length)
            causal = (positions[None, :] <= positions[:, None]).to(dtype)  # [T_q, T_k]
            mask = causal[None, None, :, :] * attention_mask[:, None, None, :].to(dtype)
        else:
            mask = attention_mask[:, None, None, :]
        attention = self.block[0].layer[0].SelfAttention
        position_bias = attention.compute_bias(length, length, input_ids.device).to(dtype)
        position_bias = position_bias + extended_mask(mask, dtype)
        cross_bias = None
        if self.is_decoder:
            cross_bias = extended_mask(encoder_mask[:, None, None, :], dtype)
        for block in self.block:
            hidden = block(hidden, position_bias, encoder_hidden, cross_bias)
        return self.dropout(self.final_layer_norm(hidden))


class T5ForConditionalGeneration(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.shared = nn.Embedding(config["vocab_size"], config["d_model"])
        self.encoder = T5Stack(config, False, self.shared)
        self.decoder = T5Stack(config, True, self.shared)
        self.tied = config["tie_word_embeddings"]
        if not self.tied:
            self.lm_head = nn.Linear(config["d_model"], config["vocab_size"], bias=False)

    def hf_state_dict(self):
        """Return the state dict without the embed_tokens aliases of shared.weight."""
        return {name: value for name, value in self.state_dict().items()
                if not name.endswith("embed_tokens.weight")}

    def forward(self, input_ids, attention_mask, decoder_input_ids, decoder_attention_mask, labels):
        encoder_hidden = self.encoder(input_ids, attention_mask)
        decoder_hidden = self.decoder(decoder_input_ids, decoder_attention_mask, encoder_hidden,
                                      attention_mask)
        if self.tied:
            logits = torch.matmul(decoder_hidden * self.config["d_model"] ** -0.5, self.shared.weight.t())
        else:
            logits = self.lm_head(decoder_hidden)
        loss = nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), labels.view(-1),
                                           ignore_index=IGNORE_INDEX)
        return logits, loss


def init_weights(model, config, generator):
    """Hugging Face's T5PreTrainedModel._init_weights with initializer_factor f."""
    f = config["initializer_factor"]
    d_model, d_kv, d_ff, heads = config["d_model"], config["d_kv"], config["d_ff"], config["num_heads"]
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            module = name[:-len(".weight")].split(".")[-1]
            if module in ("layer_norm", "final_layer_norm"):
                parameter.fill_(f)
                continue
            std = {
                "shared": f, "lm_head": f,
                "wi": f * d_model ** -0.5, "wi_0": f * d_model ** -0.5, "wi_1": f * d_model ** -0.5,
                "wo": f * d_ff ** -0.5,
                "q": f * (d_model * d_kv) ** -0.5, "k": f * d_model ** -0.5, "v": f * d_model ** -0.5,
                "o": f * (heads * d_kv) ** -0.5,
                "relative_attention_bias": f * d_model ** -0.5,
            }[module]
            parameter.normal_(0.0, std, generator=generator)


def shift_right(labels, decoder_start_token_id, pad_token_id):
    """Hugging Face's T5PreTrainedModel._shift_right."""
    shifted = labels.new_zeros(labels.shape)
    shifted[..., 1:] = labels[..., :-1].clone()
    shifted[..., 0] = decoder_start_token_id
    return shifted.masked_fill(shifted == IGNORE_INDEX, pad_token_id)
