# SPDX-License-Identifier: Apache-2.0
"""The independent side of tests/prepare/audio_features_test.cpp: MMAction2's build_audio_features.py in numpy alone
(librosa, lws and scipy are not installed here), transcribed from the sources it calls:

- librosa.core.load(path, sr=16000) of a 16-bit PCM WAV already at 16 kHz: samples / 32768 as float32, channels
  averaged (librosa.to_mono, np.mean over the channel axis); no resampling is needed, so none is transcribed.
- AudioTools.audio_normalize: samples * (0.1 / max(1e-4, sqrt(mean(samples**2)))).
- lws 1.2.x: lws.lws(fft_size, hop_size, mode='speech').stft(y) with perfectrec=True: window
  sqrt(sqrt(hann_sym)**2 / synthesis normaliser), zero padding, np.fft over fft_size points.
- librosa.filters.mel(16000, fft_size, fmin=125, fmax=7600, n_mels=80): Slaney scale, area normalised, float32.
- AudioTools.melspectrogram: 20*log10(max(1e-5, mel @ |D|)) - 20, clip((S + 100) / 100, 0, 1), float32, (frames, mels).

Usage: audio_features_oracle.py IN.wav OUT.npy FFT_SIZE HOP_SIZE
"""
import struct
import sys

import numpy as np


def read_wav_s16(path):
    data = open(path, 'rb').read()
    assert data[0:4] == b'RIFF' and data[8:12] == b'WAVE', 'not a RIFF/WAVE file'
    at = 12
    channels = rate = bits = None
    samples = None
    while at + 8 <= len(data):
        tag, size = data[at:at + 4], struct.unpack('<I', data[at + 4:at + 8])[0]
        body = data[at + 8:at + 8 + size]
        if tag == b'fmt ':
            _, channels, rate, _, _, bits = struct.unpack('<HHIIHH', body[:16])
        elif tag == b'data':
            samples = np.frombuffer(body, dtype='<i2')
        at += 8 + size + (size & 1)
    assert bits == 16 and samples is not None
    return samples.reshape(-1, channels).T, rate  # (channels, n)


def load(path, sr):
    pcm, rate = read_wav_s16(path)
    assert rate == sr, 'the oracle transcribes no resampler'
    y = (pcm.astype(np.float32) / np.float32(32768.0))
    return np.mean(y, axis=0)  # float32, as librosa.to_mono


def audio_normalize(samples, desired_rms=0.1, eps=1e-4):
    rms = np.maximum(eps, np.sqrt(np.mean(samples**2)))
    return samples * (desired_rms / rms)


def lws_window(fsize, fshift):
    a = np.sqrt(0.5 * (1 - np.cos(2 * np.pi * np.arange(1, 2 * fsize, 2) / (2 * fsize))))  # sqrt(hann(symmetric))
    q = int(np.ceil(fsize / fshift))
    twin = np.hstack([a * a, np.zeros(q * fshift - fsize)])
    w = np.tile(np.sum(twin.reshape(q, fshift), axis=0), q)[:fsize]
    swin = a / w
    return np.sqrt(a * swin)


def lws_stft(x, fsize, fshift):
    awin = lws_window(fsize, fshift)
    residual = fsize % fshift
    pre = np.zeros(fsize - fshift if residual == 0 else fsize - residual)
    post = np.zeros(0 if len(x) % fshift == 0 else fshift - len(x) % fshift)
    x = np.hstack((pre, x, post))
    m_count = len(x) // fshift
    x = np.hstack((x, np.zeros((m_count - 1) * fshift + fsize - len(x))))
    spec = np.zeros((m_count, fsize // 2 + 1), dtype=np.complex128)
    for m in range(m_count):
        spec[m] = np.fft.fft(x[m * fshift:m * fshift + fsize] * awin, n=fsize)[:fsize // 2 + 1]
    return spec


def hz_to_mel(f):
    f = np.asanyarray(f, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    above = f >= min_log_hz
    mels = np.where(above, min_log_mel + np.log(np.maximum(f, 1e-30) / min_log_hz) / logstep, mels)
    return mels


def mel_to_hz(m):
    m = np.asanyarray(m, dtype=np.float64)
    f_sp = 200.0 / 3
    freqs = f_sp * m
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), freqs)


def mel_filters(sr, n_fft, n_mels, fmin, fmax):
    weights = np.zeros((n_mels, 1 + n_fft // 2), dtype=np.float32)
    fftfreqs = np.linspace(0, float(sr) / 2, 1 + n_fft // 2)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels])
    weights *= enorm[:, np.newaxis]
    return weights


def features(path, fft_size, hop_size, sr=16000, n_mels=80, fmin=125, fmax=7600, min_level_db=-100, ref_level_db=20):
    wav = audio_normalize(load(path, sr))
    d = lws_stft(wav, fft_size, hop_size).T
    mel = np.dot(mel_filters(sr, fft_size, n_mels, fmin, fmax), np.abs(d))
    min_level = np.exp(min_level_db / 20 * np.log(10))
    s = 20 * np.log10(np.maximum(min_level, mel)) - ref_level_db
    s = np.clip((s - min_level_db) / -min_level_db, 0, 1)
    return s.astype(np.float32).T


if __name__ == '__main__':
    src, dst, fft, hop = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    np.save(dst, features(src, fft, hop).astype(np.float32), allow_pickle=False)
