import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { publicDir } from './paths';

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/**
 * Asset URLs carry a content hash, so files can be cached for a year and still change on deploy.
 * Hashes are computed once per process and kept.
 */
export function assetUrlFor(): (file: string) => string {
  const cache = new Map<string, string>();
  return (file) => {
    let url = cache.get(file);
    if (!url) {
      const full = path.join(publicDir, file);
      const hash = createHash('sha256').update(fs.readFileSync(full)).digest('hex').slice(0, 12);
      url = `${file}?v=${hash}`;
      cache.set(file, url);
    }
    return url;
  };
}

export function staticAssets(): RequestHandler {
  return express.static(publicDir, {
    index: false,
    setHeaders(res, _file) {
      const versioned = res.req.query.v !== undefined;
      res.setHeader('Cache-Control', versioned ? `public, max-age=${ONE_YEAR_S}, immutable` : 'public, max-age=3600');
    },
  });
}
