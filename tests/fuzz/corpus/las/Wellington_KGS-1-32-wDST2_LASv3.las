~Version
#MNEM .UNIT                VALUE  : DESCRIPTION                    
 VERS .                      3.0  : CWLS LOG ASCII STANDARD - VERSION 3.0 
 WRAP .                       NO  : ONE LINE PER DEPTH STEP        
 DLM  .                    COMMA  : DELIMITING CHARACTER (SPACE TAB OR COMMA) 

~Well
#MNEM .UNIT                                    VALUE  : DESCRIPTION                    {FORMAT} | ASSOCIATION
 STRT  .F                                       580.0  : START DEPTH                    {F}
 STOP  .F                                      5252.0  : END DEPTH                      {F}
 STEP  .F                                         0.5  : STEP LENGTH                    {F}
 NULL  .                                      -999.25  : NULL VALUE                     {F}
 COMP  .                                  BEREXCO LLC  : Company                        {S}
 WELL  .                          Wellington KGS 1-32  : Well Name                      {S}
 FLD   .                                   WELLINGTON  : Field                          {S}
 SEC   .                                           32  : Section                        {I}
 TOWN  .                                          31S  : Township (e.g. 42S)            {S}
 RANG  .                                           1W  : Range  (e.g. 25E)              {S}
 LOC   .                            T31S R1W, Sec. 32  : Location (Sec Town Range)      {S}
~Curve
#MNEM .UNIT               VALUE  : DESCRIPTION                    {FORMAT} | ASSOCIATION
 DEPT  .F         00 000 000 000  : Depth                          
 TENS  .lbs       00 000 000 000  : Tension                        
 RXRT  .NONE      00 000 000 000  : RXRT                           
 RXO   .ohmm      00 000 000 000  : RXO                            
 RT90  .ohmm      00 000 000 000  : 90in Resistivity 2ft Res       
 RT60  .ohmm      00 000 000 000  : 60in Resistivity 2ft Res       
 RT30  .ohmm      00 000 000 000  : 30in Resistivity 2ft Res       
 RT20  .ohmm      00 000 000 000  : 20in Resistivity 2ft Res       
 RT10  .ohmm      00 000 000 000  : 10in Resistivity 2ft Res       
 RT    .ohmm      00 000 000 000  : RT                             
 RMUD  .ohmm      00 000 000 000  : RMUD                           
~Tops_Parameter
#MNEM .UNIT           VALUE  : DESCRIPTION                    {FORMAT} | ASSOCIATION
 IQKGS .                      : Profile Web App Saved Data Indicator {S}
 TOPS  .                      : Formation Source               {S}
 TOPDR .                      : Tops Depth Reference           {S}

~Tops_Definition
#MNEM .UNIT           VALUE  : DESCRIPTION                    {FORMAT} | ASSOCIATION
 TOPT  .F                     : Top Depth                      {F}
 TOPB  .F                     : Base Depth                     {F}
 RANK  .                      : Rank of Unit, i.e. (FORMATION, SYSTEM, etc) {S}
 LVL   .                      : Level of Confidence (GOLD, SILVER, COPPER...) {S}
 TOPN  .                      : Stratigraphic Unit Name        {S}
 TOPA  .                      : Alternate Name                 {S}
 EON   .                      : EON Age                        {S}
 ERA   .                      : ERA Age                        {S}
 SYS   .                      : System                         {S}
 SER   .                      : Series                         {S}
 SSYS  .                      : Subsystem                      {S}
~Tops_Data | Tops_Definition 
# TOPT TOPB RANK LVL TOPN TOPA EON ERA SYS SER SSYS SSER STG GRP SGRP FORM
 2406.0,0.0,"MEMBER","Poor","Heebner Shale","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Upper","Virgilian","Shawnee","-999.25","Oread Limestone"
 2680.0,0.0,"MEMBER","Poor","Iatan Limestone","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Upper","Virgilian","Douglas","-999.25","Stranger"
 2691.0,2691.0,"BED","Poor","Stalnaker Sandstone","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25"
 3041.0,0.0,"GROUP","Poor","Lansing","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Upper","Missourian","Lansing","-999.25","-999.25"
 3168.0,0.0,"MEMBER","Poor","Stark Shale","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Upper","Missourian","Kansas City","Bronson","Dennis Limestone"
 3284.0,3284.0,"BED","Poor","BKC","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25"
 3450.0,0.0,"FORMATION","Poor","Pawnee Limestone","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Middle","Desmoinesian","Marmaton","-999.25","Pawnee Limestone"
 3490.0,3490.0,"BED","Poor","FTSC","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25"
 3504.0,0.0,"GROUP","Poor","Cherokee","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Middle","Desmoinesian","Cherokee","-999.25","-999.25"
 3658.0,0.0,"SUBSYSTEM","Poor","Mississippian","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Mississippian","-999.25","-999.25","-999.25","-999.25","-999.25"
 4054.0,4054.0,"STAGE","Poor","Kinderhookian","Kinderhookian","Phanerozoic","Paleozoic","Carboniferous","-999.25","Mississippian","Lower","Kinderhookian","-999.25","-999.25","-999.25"
~ASCII
# DEPT TENS RXRT RXO RT90 RT60 RT30 RT20 RT10 RT RMUD RHOB QN QF PE NPHS NPHL NPHI NPHD DRHO DPHS DPHI DPHD DLIM CT90 CALI MINV MNOR GR GRTO GRTC POTA URAN THOR TURT UKRT TKRT NOIS
 580.0000,1805.8065,-0.3677,2.4798,87.9060,54.6849,27.6935,14.6555,6.7422,87.9060,0.2535,2.2575,0.1663,-0.4282,7.6823,36.5449,31.7902,31.7902,29.1336,-0.1974,23.7881,26.4622,32.7542,26.4622,11.3758,4. 580.5000,1801.3383,-0.3677,2.6072,99.1564,58.9579,29.2923,14.8604,6.9036,99.1564,0.2535,2.2306,-0.2244,-0.1238,7.6123,38.2083,33.5168,33.5168,30.7200,-0.2133,25.4192,28.0361,34.1934,28.0361,10.0851,4 581.0000,1811.3805,-0.3677,3.1475,141.0627,78.1609,37.6383,18.1430,8.6243,141.0627,0.2535,2.2028,-0.2051,0.1057,7.5007,39.8988,35.2864,35.2864,32.3404,-0.2289,27.1055,29.6632,35.6813,29.6632,7.0890,4 581.5000,1828.4485,-0.3677,3.9566,244.2260,123.3665,56.7806,25.6677,12.5092,244.2260,0.2535,2.1726,0.1235,0.3942,7.3829,40.0667,35.4631,35.4631,32.5019,-0.2452,28.9318,31.4254,37.2928,31.4254,4.0946, 582.0000,1836.9476,-0.3677,4.9928,545.4106,229.6292,96.4031,38.2942,18.5034,545.4106,0.2535,2.1381,0.0335,0.2252,7.3340,40.1290,35.5286,35.5286,32.5617,-0.2617,31.0258,33.4459,39.1404,33.4459,1.8335,