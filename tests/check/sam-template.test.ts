/** Reading SAM templates: short-form intrinsic functions as YAML tags, Globals, events → front doors. */
import { describe, expect, it, vi } from 'vitest';
import { fillPath, parseSamTemplate } from '../../src/cli/sam-template.ts';

const TEMPLATE = `
Parameters:
  Stage: { Type: String, Default: dev }
Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 10
    Environment:
      Variables:
        A: global
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/app.handler
      MemorySize: 512
      Environment:
        Variables:
          B: !Sub 'table-\${Stage}-\${AWS::Region}'
          C: !GetAtt Queue.Arn
          D: !Join ['-', [x, !Ref Stage]]
          E: !If [IsProd, p, q]
      Events:
        Get: { Type: Api, Properties: { Path: '/things/{id}', Method: get } }
        Post: { Type: HttpApi, Properties: { Path: /things, Method: POST, PayloadFormatVersion: '1.0' } }
      FunctionUrlConfig: { AuthType: NONE }
  Worker:
    Type: AWS::Serverless::Function
    Properties: { Handler: w.main, Runtime: nodejs24.x }
  Java:
    Type: AWS::Serverless::Function
    Properties: { Handler: example.App::handle, Runtime: java21 }
`;

describe('parseSamTemplate', () => {
  it('merges Globals, resolves !Ref/!Sub/!Join/!If and keeps !GetAtt as a placeholder', () => {
    const r = parseSamTemplate(TEMPLATE, 'template.yaml');
    if (!r.ok) throw new Error(r.error);
    const api = r.functions.find((f) => f.name === 'Api');
    expect(api).toMatchObject({ handler: 'src/app.handler', runtime: 'nodejs20.x', memoryMB: 512, timeoutSeconds: 10, codeUri: '.' });
    expect(api?.environment).toEqual({ A: 'global', B: 'table-dev-us-east-1', C: '${Queue.Arn}', D: 'x-dev', E: 'p' });
    expect(api?.doors).toEqual([
      { door: 'apigw-rest', route: { method: 'GET', path: '/things/{id}' } },
      { door: 'http-api-v1', route: { method: 'POST', path: '/things' } },
      { door: 'function-url', route: null },
    ]);
    expect(r.functions.find((f) => f.name === 'Worker')).toMatchObject({ runtime: 'nodejs24.x', memoryMB: 128, timeoutSeconds: 10, doors: [{ door: 'invoke', route: null }] });
    expect(r.skipped).toEqual(['Java: runtime java21 is not simulated (nodejs20.x, nodejs22.x, nodejs24.x, python3.12, python3.13, python3.14 are)']);
  });

  it('names the file and the fix for a function without Handler', () => {
    const r = parseSamTemplate('Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: nodejs22.x }\n', 't.yaml');
    expect(r).toEqual({ ok: false, error: 't.yaml: function F has no Handler; set Handler: file.export (e.g. app.handler).' });
  });

  it('a YAML warning (an unknown directive) prints nothing and does not stop the template', () => {
    const emitted = vi.spyOn(process, 'emitWarning');
    try {
      const r = parseSamTemplate('%LAMBDA triage\n---\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: app.handler\n', 'template.yaml');
      expect(r.ok).toBe(true);
      expect(emitted).not.toHaveBeenCalled();
    } finally {
      emitted.mockRestore();
    }
  });

  it('fills path parameters with sample values', () => {
    expect(fillPath('/users/{id}/files/{path+}')).toEqual({ path: '/users/test-id/files/test-path', params: { id: 'test-id', path: 'test-path' } });
  });
});
